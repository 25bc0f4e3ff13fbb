// placeholder: replaced as src/demo is written
