"""OAI-PMH 2.0 at /oai: harvesters (BASE, OpenAIRE, CyberLeninka, library catalogues) read the archive
as Dublin Core records. `metadata` builds a record from an article, `selectors` pages the records
(proceedings.models.OaiRecord), `tokens` encodes resumption tokens, `xml` writes the responses and
`views` checks the arguments of each verb."""
