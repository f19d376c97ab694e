module github.com/connectorlint/connectorlint

go 1.26

require (
	github.com/google/go-github/v75 v75.0.0
	github.com/sethvargo/go-githubactions v1.3.0
	gopkg.in/yaml.v3 v3.0.1
)

require github.com/google/go-querystring v1.1.0 // indirect
