package rules

import (
	"path"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// folderRules are the connector folder rules (rules-catalog.md §6).
var folderRules = []*Rule{
	folderRequiredFilesRule,
	folderNoExtraFilesRule,
}

const rdFolderSource = "microsoft/PowerPlatformConnectors README.md (contribution guide) ; https://learn.microsoft.com/connectors/custom-connectors/certification-submission (step 4)"

// rdJoin is the display path of entry name inside the connector folder.
func rdJoin(dir, name string) string {
	if dir == "" || dir == "." {
		return name
	}
	return path.Join(strings.ReplaceAll(dir, "\\", "/"), name)
}

var folderRequiredFilesRule = &Rule{
	ID: "folder-required-files", Severity: Error, Category: "folder", Inputs: Folder, Certification: true,
	Doc: Doc{
		Title: "The connector folder has an apiProperties.json",
		Why: "Every certified or independent-publisher connector is submitted as apiDefinition.swagger.json, " +
			"apiProperties.json and readme.md (script.csx and, for verified publishers, icon.png are optional); " +
			"paconn and the certification package need apiProperties.json to create the connector. Every merged " +
			"connector has one. A missing swagger is file-unreadable's finding and a missing readme readme-present's.",
		HowToFix: "Add apiProperties.json (download it with 'paconn download', or start from Microsoft's template).",
		Source:   rdFolderSource + " ; rules-catalog §6 folder-required-files",
	},
	Check: func(p *Pass) error {
		if p.C.Props != nil || hasIssueFor(p.C, connector.PropsName) {
			return nil
		}
		p.WholeFile(p.C.Dir, "the folder has no %s; add it with the connection parameters, iconBrandColor, publisher and stackOwner", connector.PropsName)
		return nil
	},
}

var folderNoExtraFilesRule = &Rule{
	ID: "folder-no-extra-files", Severity: Warning, Category: "folder", Inputs: Folder, Certification: true,
	Doc: Doc{
		Title: "The connector folder holds only connector files",
		Why: "A connector folder holds apiDefinition.swagger.json, apiProperties.json, readme.md and optionally " +
			"script.csx, icon.png (verified publishers) and settings.json (paconn's settings); certified folders " +
			"also keep the package's intro.md. Reviewers ask to remove anything else: extra folders (PR#3492), zip " +
			"files (PR#2637), images (PR#1117). A misnamed copy of a connector file (Script.cs, readme.md.txt, a " +
			"misspelt swagger name) is ignored by the tools, so the real file is missing. Six merged connectors " +
			"carry such files (a PDF, two Script.cs, a readme.md.txt, two misnamed swaggers). An icon.png in an " +
			"independent-publisher folder is ip-no-icon's finding.",
		HowToFix: "Delete the file or folder from the connector folder, or rename a misnamed connector file to its exact name.",
		Source:   rdFolderSource + " ; rules-catalog §6 folder-required-files",
	},
	Check: checkFolderNoExtraFiles,
}

var rdAllowedEntries = map[string]bool{
	strings.ToLower(connector.SwaggerName): true, strings.ToLower(connector.PropsName): true,
	connector.ReadmeName: true, connector.ScriptName: true, connector.IconName: true,
	"settings.json": true, "intro.md": true,
}

func checkFolderNoExtraFiles(p *Pass) error {
	for _, e := range p.C.Entries {
		low := strings.ToLower(e.Name)
		if rdAllowedEntries[low] && !e.Dir || e.Error != "" {
			continue // unreadable entries and folders named like files are file-unreadable's business
		}
		if rdAllowedEntries[low] {
			continue
		}
		file := rdJoin(p.C.Dir, e.Name)
		ext := strings.ToLower(path.Ext(low))
		switch {
		case e.Dir:
			p.WholeFile(file, "the connector folder contains the folder %q; a connector folder holds only the connector's files, so remove it", e.Name)
		case low == "script.cs" || ext == ".csx" || ext == ".cs":
			p.WholeFile(file, "%q is not read as custom code; the script must be named script.csx, and a connector has only one", e.Name)
		case strings.HasPrefix(low, "readme") || strings.HasPrefix(low, "apiproperties") || strings.HasSuffix(low, ".swagger.json") ||
			strings.HasPrefix(low, "apidefinition") || strings.HasPrefix(low, "apidefination"):
			p.WholeFile(file, "%q looks like a misnamed connector file; rename it to %s or remove it", e.Name, rdIntendedName(low))
		case ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".gif" || ext == ".svg" || ext == ".bmp" || ext == ".ico" || ext == ".webp":
			p.WholeFile(file, "the image %q does not belong in the connector folder; only a verified publisher's icon.png does, so remove it", e.Name)
		case ext == ".zip":
			p.WholeFile(file, "the archive %q does not belong in the connector folder; submit packages through the certification portal and remove it", e.Name)
		case strings.HasPrefix(e.Name, "."):
			p.WholeFile(file, "the hidden file %q does not belong in the connector folder; remove it (and add it to .gitignore)", e.Name)
		default:
			p.WholeFile(file, "%q is not a connector file; remove it from the connector folder (documentation belongs in readme.md)", e.Name)
		}
	}
	return nil
}

func rdIntendedName(low string) string {
	switch {
	case strings.HasPrefix(low, "readme"):
		return connector.ReadmeName
	case strings.HasPrefix(low, "apiproperties"):
		return connector.PropsName
	}
	return connector.SwaggerName
}
