// placeholder: replaced as src/server is written
