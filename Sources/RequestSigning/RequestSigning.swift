// Placeholder until the RequestSigning issue lands.
