"""The Performance page's figures, drawn from benchmark results in each language's words, and the charts."""
