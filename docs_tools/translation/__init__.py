"""Translations: the state of every translated page (`state`), parity with English, status, stamping, new
languages, the `translations` command, and what readers of a translation see (banners, messages, section links)."""
