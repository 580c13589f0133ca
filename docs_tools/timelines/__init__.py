"""Timelines of the pages' examples: the ASGI event observer, the cases, recording, and drawing them as figures."""
