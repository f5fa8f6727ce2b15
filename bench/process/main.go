// Command process times whole processes: each -bin is run -n times,
// alternately, with the arguments after "--" (every "{bin}" in them is
// replaced by the index of the binary, so that outputs do not collide), and
// the median, minimum and maximum wall time and the CPU time (user + system)
// of each binary are printed. On a loaded machine the CPU time and the
// minimum wall time are the steadier figures.
//
//	go run ./bench/process -n 30 -bin /tmp/vanban-before -bin /tmp/vanban-after -- \
//	  render --in testdata/ke-hoach-lai-chau.json --out /tmp/seed{bin}.pdf
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"
)

type bins []string

func (b *bins) String() string     { return strings.Join(*b, ",") }
func (b *bins) Set(s string) error { *b = append(*b, s); return nil }

func main() {
	var bs bins
	flag.Var(&bs, "bin", "binary to run (repeat to compare)")
	n := flag.Int("n", 20, "runs of each binary")
	flag.Parse()
	if len(bs) == 0 || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: process -bin B [-bin B2] [-n N] -- ARGS…")
		os.Exit(2)
	}
	times := make([][]time.Duration, len(bs))
	cpus := make([][]time.Duration, len(bs))
	for i := 0; i < *n; i++ {
		for j, b := range bs {
			args := make([]string, flag.NArg())
			for k, a := range flag.Args() {
				args[k] = strings.ReplaceAll(a, "{bin}", strconv.Itoa(j))
			}
			cmd := exec.Command(b, args...)
			cmd.Stderr = os.Stderr
			t := time.Now()
			if err := cmd.Run(); err != nil {
				fmt.Fprintf(os.Stderr, "%s: %v\n", b, err)
				os.Exit(1)
			}
			times[j] = append(times[j], time.Since(t))
			cpus[j] = append(cpus[j], cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
		}
	}
	for j, b := range bs {
		ts, cs := times[j], cpus[j]
		slices.Sort(ts)
		slices.Sort(cs)
		fmt.Printf("%-32s wall median %7.2f ms  min %7.2f ms  max %7.2f ms | CPU median %7.2f ms  min %7.2f ms  (n=%d)\n", b,
			ms(ts[len(ts)/2]), ms(ts[0]), ms(ts[len(ts)-1]), ms(cs[len(cs)/2]), ms(cs[0]), len(ts))
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
