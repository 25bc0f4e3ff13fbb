// placeholder: replaced as src/store is written
