"""Understanding text: what a client's statement is about.

    lexicon     the first characters a content pattern can match
    keywords    the keyword, pinyin, fuzzy and pattern channels (one Aho-Corasick pass)
    linear      the learned channel: a linear model over character n-grams (also for replies)
    leaving     the words of leaving, which the learned channel does not hear
    calibration confidence that means what it says; reliability table and ECE
    compiled    compiling the classifier, and its plain-data form for the cache
    figures     the client's numbers: rates, turnover, assets, losses, years
    classifier  `Classifier.classify(text)`: causes with evidence and spans
    amounts     amounts, counts and rates as people type and say them
    evaluation  accuracy on labelled statements
    cache       a store of compiled objects keyed by the files they come from

Uses content below it; normalisation lives in `coach.core.text`, shared by every part.
"""
