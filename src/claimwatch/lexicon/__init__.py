"""Rules as data: words, units, cue verbs, titles, calendar names. One module per extractor."""
