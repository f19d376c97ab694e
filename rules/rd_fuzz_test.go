package rules

import "testing"

func FuzzRdScanners(f *testing.F) {
	f.Add([]byte("# T\n```\n## x\n```\n- a\nb\n===\n<!-- x\n-->\n"))
	f.Add([]byte("![a](b.png \"t\") <img src=x.png> <IMG SRC='y.png'> [![x](c.png)](d) ![](https://e/f.png)"))
	f.Add([]byte("class Script : ScriptBase { var s = $@\"{x}\"\"\" ; switch (this.Context.OperationId) { case \"A\": } Task.Delay(new TimeSpan(1,2,3)); }"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m := rdScanMarkdown(b)
		rdReadmeOps(m, rdOpSections(m))
		for _, l := range m.Lines {
			if l.TextStart > l.TextEnd || int(l.TextEnd) > len(b) || l.Start > l.End {
				t.Fatalf("bad line %+v", l)
			}
		}
		for _, img := range rdLocalImages(b) {
			if img.start > img.end || img.end > len(b) || img.target == "" {
				t.Fatalf("bad image %+v", img)
			}
		}
		toks := rdLexCSharp(b)
		for _, tk := range toks {
			if tk.Start >= tk.End || int(tk.End) > len(b) {
				t.Fatalf("bad token %+v", tk)
			}
		}
		rdScriptOpIDs(toks)
	})
}
