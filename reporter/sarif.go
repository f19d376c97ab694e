package reporter

import (
	"encoding/json"
	"io"
	"net/url"
	"strings"

	"github.com/connectorlint/connectorlint/rules"
)

// SARIF 2.1.0 output for GitHub code scanning (github/codeql-action/upload-sarif) and other tools.
// Columns are UTF-16 code units, the unit GitHub expects; paths are relative URIs under %SRCROOT%.

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	Results            []sarifResult               `json:"results"`
	ColumnKind         string                      `json:"columnKind"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name,omitempty"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	HelpURI              string         `json:"helpUri"`
	DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
	Properties           map[string]any `json:"properties,omitempty"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
}

type sarifLocation struct {
	ID               int                    `json:"id,omitempty"`
	PhysicalLocation sarifPhysical          `json:"physicalLocation"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
	Message          *sarifText             `json:"message,omitempty"`
}

type sarifLogicalLocation struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           *sarifRegion     `json:"region,omitempty"`
}

type sarifArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLoc   `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifByteRegion `json:"deletedRegion"`
	InsertedContent *sarifText      `json:"insertedContent,omitempty"`
}

type sarifByteRegion struct {
	ByteOffset int `json:"byteOffset"`
	ByteLength int `json:"byteLength"`
}

// SARIFLevel maps a severity onto SARIF's levels.
func SARIFLevel(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "note"
}

// SARIFURI turns a file path into a relative URI reference (spaces and other characters escaped).
func SARIFURI(path string) string {
	parts := strings.Split(Rel(path), "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// SARIF writes a SARIF 2.1.0 log with rule metadata from the registry.
func SARIF(w io.Writer, run *Run) error {
	index := map[string]int{}
	driver := sarifDriver{Name: "connectorlint", Version: ToolVersion, InformationURI: "https://github.com/connectorlint/connectorlint"}
	for i, r := range run.Rules {
		index[r.ID] = i
		props := map[string]any{"tags": []string{"power-platform", r.Category}, "problem.severity": r.Severity.String()}
		if r.Code != "" {
			props["microsoftCode"] = r.Code
		}
		help := r.Doc.Why + "\n\nHow to fix: " + r.Doc.HowToFix + "\n\nSource: " + r.Doc.Source
		md := "**" + r.Doc.Title + "**\n\n" + r.Doc.Why + "\n\n**How to fix:** " + r.Doc.HowToFix + "\n\nSource: " + r.Doc.Source + "\n\n[Documentation](" + r.DocsURL() + ")"
		if r.Code != "" {
			md += "\n\nMicrosoft validator code: `" + r.Code + "`"
		}
		driver.Rules = append(driver.Rules, sarifRule{ID: r.ID, Name: r.Code, ShortDescription: sarifText{Text: r.Doc.Title},
			FullDescription: sarifText{Text: r.Doc.Why}, Help: sarifText{Text: help, Markdown: md}, HelpURI: r.DocsURL(),
			DefaultConfiguration: sarifConfig{Level: SARIFLevel(r.Severity)}, Properties: props})
	}
	results := []sarifResult{}
	for _, f := range run.Findings {
		res := sarifResult{RuleID: f.RuleID, RuleIndex: index[f.RuleID], Level: SARIFLevel(f.Severity), Message: sarifText{Text: f.Message},
			PartialFingerprints: map[string]string{"connectorlint/v1": f.Fingerprint()}}
		loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifactLoc{URI: SARIFURI(f.File), URIBaseID: "%SRCROOT%"},
			Region: &sarifRegion{StartLine: f.Pos.Line, StartColumn: f.Pos.Col16, EndLine: f.EndPos.Line, EndColumn: f.EndPos.Col16}}}
		if f.EndPos.Line == 0 || (f.EndPos.Line == f.Pos.Line && f.EndPos.Col16 <= f.Pos.Col16) {
			loc.PhysicalLocation.Region.EndLine, loc.PhysicalLocation.Region.EndColumn = f.Pos.Line, f.Pos.Col16+1
		}
		if f.Pointer != "" {
			loc.LogicalLocations = []sarifLogicalLocation{{FullyQualifiedName: f.Pointer, Kind: "member"}}
		}
		res.Locations = []sarifLocation{loc}
		for i, rel := range f.Related {
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{ID: i + 1, Message: &sarifText{Text: rel.Message},
				PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifactLoc{URI: SARIFURI(rel.File), URIBaseID: "%SRCROOT%"},
					Region: &sarifRegion{StartLine: max(rel.Pos.Line, 1), StartColumn: max(rel.Pos.Col16, 1)}}})
		}
		for _, fx := range f.Fixes {
			byFile := map[string]*sarifArtifactChange{}
			var order []string
			for _, e := range fx.Edits {
				ch := byFile[e.File]
				if ch == nil {
					ch = &sarifArtifactChange{ArtifactLocation: sarifArtifactLoc{URI: SARIFURI(e.File), URIBaseID: "%SRCROOT%"}}
					byFile[e.File] = ch
					order = append(order, e.File)
				}
				rep := sarifReplacement{DeletedRegion: sarifByteRegion{ByteOffset: e.Start, ByteLength: e.End - e.Start}}
				if e.New != "" {
					rep.InsertedContent = &sarifText{Text: e.New}
				}
				ch.Replacements = append(ch.Replacements, rep)
			}
			sf := sarifFix{Description: sarifText{Text: fx.Message}}
			for _, name := range order {
				sf.ArtifactChanges = append(sf.ArtifactChanges, *byFile[name])
			}
			res.Fixes = append(res.Fixes, sf)
		}
		results = append(results, res)
	}
	log := sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0",
		Runs: []sarifRun{{Tool: sarifTool{Driver: driver}, Results: results, ColumnKind: "utf16CodeUnits"}}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}
