// Public surface of @chaperone/ledger.
export {};
