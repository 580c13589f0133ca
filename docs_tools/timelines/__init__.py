"""Timelines drawn from recorded runs of the pages' examples: what each case sends, recording, figure, command."""
