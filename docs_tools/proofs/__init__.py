"""Claims and their proofs: the tests a page names (read from the suite's source, not run), and which sections of the
pages that must prove their claims name none."""
