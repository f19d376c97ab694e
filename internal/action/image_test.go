package action_test

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestImage builds the Dockerfile's final stages (Dockerfile.prebuilt, the same stages for a binary
// built outside Docker: no base image can be pulled here) with buildah, runs the image, and reports its
// size. The binary is built with the Dockerfile's build command and checked to be static first.
func TestImage(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	ctxDir := t.TempDir()
	bin := filepath.Join(ctxDir, "connectorlint")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", bin, "github.com/connectorlint/connectorlint")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("static build: %v\n%s", err, out)
	}
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Fatal("the binary is dynamically linked")
		}
	}
	f.Close()
	if out, err := exec.Command(bin, "version").CombinedOutput(); err != nil || !strings.HasPrefix(string(out), "connectorlint ") {
		t.Fatalf("static binary: %v %s", err, out)
	}
	fi, _ := os.Stat(bin)
	t.Logf("static binary: %.1f MB", float64(fi.Size())/(1<<20))

	if _, err := exec.LookPath("buildah"); err != nil {
		t.Skip("buildah is not installed (.ci/run installs it); the static binary was checked, the image was not built")
	}
	ca, err := os.ReadFile("/etc/ssl/certs/ca-certificates.crt")
	if err != nil {
		t.Skip("no CA bundle on this machine to copy into the image")
	}
	os.WriteFile(filepath.Join(ctxDir, "ca-certificates.crt"), ca, 0o644)
	os.Mkdir(filepath.Join(ctxDir, "tmp"), 0o1777)
	buildah := func(args ...string) (string, error) {
		out, err := exec.Command("buildah", append([]string{"--storage-driver", "vfs"}, args...)...).CombinedOutput()
		return strings.TrimSpace(string(out)), err
	}
	dockerfile, _ := filepath.Abs(filepath.Join("..", "..", "Dockerfile.prebuilt"))
	// One build (the action target, which is the cli stage plus USER 0:0) keeps this test quick; the cli
	// stage's non-root user is checked in the Dockerfile text.
	df, _ := os.ReadFile(dockerfile)
	if !strings.Contains(string(df), "FROM scratch AS cli") || !strings.Contains(string(df), "USER 65532:65532") {
		t.Errorf("Dockerfile.prebuilt: the cli stage must run as user 65532")
	}
	for _, target := range []string{"action"} {
		tag := "localhost/connectorlint-test:" + target
		if out, err := buildah("bud", "--isolation", "chroot", "--target", target, "-f", dockerfile, "-t", tag, ctxDir); err != nil {
			t.Skipf("buildah cannot build images here (environment): %v\n%s", err, out)
		}
		defer buildah("rmi", "-f", tag)
		user, _ := buildah("inspect", "--format", "{{.OCIv1.Config.User}}", tag)
		entry, _ := buildah("inspect", "--format", "{{.OCIv1.Config.Entrypoint}}", tag)
		if want := map[string]string{"cli": "65532:65532", "action": "0:0"}[target]; user != want {
			t.Errorf("%s: user %q, want %q", target, user, want)
		}
		if entry != "[/connectorlint]" {
			t.Errorf("%s: entrypoint %q", target, entry)
		}
		size, _ := buildah("images", "--format", "{{.Size}}", tag)
		t.Logf("image %s: %s", tag, size)
		ctr, err := buildah("from", tag)
		if err != nil {
			t.Fatalf("buildah from: %v %s", err, ctr)
		}
		defer buildah("rm", ctr)
		out, err := buildah("run", "--isolation", "chroot", ctr, "--", "/connectorlint", "rules", "DefaultResponseHasSchema")
		if err != nil {
			t.Skipf("buildah cannot run containers here (environment): %v\n%s", err, out)
		}
		if !strings.Contains(out, "response-default-no-schema") {
			t.Errorf("%s: the image's binary printed %q", target, out)
		}
	}
}
