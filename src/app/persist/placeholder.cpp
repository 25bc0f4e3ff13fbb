// placeholder: replaced as src/app/persist is written
