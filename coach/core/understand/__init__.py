"""Understanding text: what a client's statement is about.

    lexicon     the first characters a content pattern can match
    phrasing    the phrasing channel learnt from labelled statements
    classifier  `Classifier.classify(text)`: causes with evidence and spans
    amounts     amounts, counts and rates as people type and say them
    evaluation  accuracy on labelled statements
    cache       a store of compiled objects keyed by the files they come from

Uses content below it; normalisation lives in `coach.core.text`, shared by every part.
"""
