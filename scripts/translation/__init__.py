"""Translation tooling: parity between languages, fingerprints, status, stamping, new languages."""
