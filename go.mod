module github.com/connectorlint/connectorlint

go 1.26
