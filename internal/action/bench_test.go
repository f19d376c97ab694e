package action_test

import (
	"testing"
)

// BenchmarkOneConnectorPR measures the target: from process start to all reports posted (review,
// check run, summary, SARIF, outputs) for a one-connector pull request, against the in-test server.
// The first run posts the review; later ones find it and post nothing new, so both paths are shown.
//
//	go test ./internal/action -run XXX -bench OneConnectorPR -benchtime 20x
func BenchmarkOneConnectorPR(b *testing.B) {
	for _, fresh := range []bool{true, false} {
		name := "dedupe"
		if fresh {
			name = "first-review"
		}
		b.Run(name, func(b *testing.B) {
			s := newSetup(b)
			if !fresh {
				s.run()
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if fresh {
					b.StopTimer()
					s.gh.mu.Lock()
					s.gh.comments, s.gh.reviews = nil, nil
					s.gh.mu.Unlock()
					b.StartTimer()
				}
				if res := s.run(); res.code != 1 {
					b.Fatalf("exit %d", res.code)
				}
			}
		})
	}
}
