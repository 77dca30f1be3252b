"""Content checks for Small Wins: `python -m checks` (or `make check`).

Each module checks one family of rules with pure functions over the content files
or the built HTML and returns `Finding`s; `runner` puts them together and
`__main__` prints them like a compiler: `path:line:col: error|warning: message [rule]`.
"""
