"""The public web services sarcref asks for records: doi.org, Crossref, NCBI, arXiv, Open
Library.

``http`` is the one client they share (polite, spaced, retried, bounded, cached through
``cache``); ``services`` names each service and its base URL; one module per service turns
its answers into CSL-JSON; ``lookup.fetch_record`` fetches the record of an identifier.
Nothing here is imported until a command needs the network.
"""
