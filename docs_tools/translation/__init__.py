"""The translators' tools: parity with English, status, stamping, new languages, and the `translations` command."""
