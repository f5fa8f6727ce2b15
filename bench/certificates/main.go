// Command certificates times the batch certificate printer: it repeats the
// recipients of a batch file up to -n certificates, renders them into one
// PDF (or a ZIP with -zip) written to -out (default /dev/null), -runs
// times, and prints each time, the median and the process's peak RSS.
//
//	go run ./bench/certificates -n 1000 -runs 5
//	go run ./bench/certificates -n 10000 -runs 3
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"sort"
	"syscall"
	"time"

	"github.com/vanban/vanban/internal/certificate"
	"github.com/vanban/vanban/internal/certprint"
	"github.com/vanban/vanban/internal/pdf"
	"github.com/vanban/vanban/internal/pdf/certpdf"
	"github.com/vanban/vanban/internal/typeset"
)

func main() {
	in := flag.String("batch", "testdata/giay-khen-batch.json", "batch JSON whose recipients are repeated")
	n := flag.Int("n", 1000, "certificates to render")
	runs := flag.Int("runs", 5, "runs")
	out := flag.String("out", os.DevNull, "output file")
	zipOut := flag.Bool("zip", false, "write a ZIP of one PDF per certificate")
	mode := flag.String("mode", "", "override the batch mode (full, overprint)")
	noQR := flag.Bool("noqr", false, "disable QR codes")
	flag.Parse()

	data, err := os.ReadFile(*in)
	if err != nil {
		log.Fatal(err)
	}
	dir := filepath.Dir(*in)
	b, err := certificate.ParseBatch(data, func(name string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, name)) })
	if err != nil {
		log.Fatal(err)
	}
	if *mode != "" {
		b.Mode = certificate.Mode(*mode)
	}
	if *noQR {
		b.QR.Enabled = false
	}
	base := b.Recipients
	b.Recipients = make([]certificate.Recipient, *n)
	for i := range b.Recipients {
		r := base[i%len(base)]
		r.Number = 0
		b.Recipients[i] = r
	}
	b.Numbering = &certificate.Numbering{Start: 1}
	fonts, err := pdf.LoadFonts()
	if err != nil {
		log.Fatal(err)
	}
	m, err := typeset.New()
	if err != nil {
		log.Fatal(err)
	}
	g := certprint.Generator{PDF: certpdf.New(fonts), Metrics: m, Limit: *n} // measures beyond the service maximum too

	var times, cpus []time.Duration
	var size int64
	for r := 0; r < *runs; r++ {
		start, cpu0 := time.Now(), cpuTime()
		f, err := os.Create(*out)
		if err != nil {
			log.Fatal(err)
		}
		cw := &countWriter{w: bufio.NewWriterSize(f, 1<<16)}
		job, err := g.Prepare(b)
		if err != nil {
			log.Fatal(err)
		}
		if *zipOut {
			err = job.WriteZIP(cw)
		} else {
			err = job.WritePDF(cw)
		}
		if err != nil {
			log.Fatal(err)
		}
		if err := cw.w.(*bufio.Writer).Flush(); err != nil {
			log.Fatal(err)
		}
		f.Close()
		d := time.Since(start)
		times = append(times, d)
		cpus = append(cpus, cpuTime()-cpu0)
		size = cw.n
		fmt.Printf("run %d: %d certificates in %v (cpu %v) (%.1f MB)\n", r+1, *n, d.Round(time.Millisecond), cpus[r].Round(time.Millisecond), float64(size)/1e6)
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	sort.Slice(cpus, func(i, j int) bool { return cpus[i] < cpus[j] })
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	fmt.Printf("median %v (cpu %v) for %d certificates (%.2f ms each), output %.1f MB, peak RSS %.1f MB\n",
		times[len(times)/2].Round(time.Millisecond), cpus[len(cpus)/2].Round(time.Millisecond), *n,
		float64(times[len(times)/2].Microseconds())/1000/float64(*n), float64(size)/1e6, float64(ru.Maxrss)/1024)
}

// cpuTime is the process's user + system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
