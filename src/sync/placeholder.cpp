// placeholder: replaced as src/sync is written
