package httpapi

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are the Prometheus metrics of the service, in a registry of its
// own (never the global one).
type metrics struct {
	registry      *prometheus.Registry
	requests      *prometheus.CounterVec
	renderSeconds *prometheus.HistogramVec
	rejected      prometheus.Counter
	timeouts      prometheus.Counter
}

func newMetrics(l *limiter) *metrics {
	reg := prometheus.NewRegistry()
	m := &metrics{
		registry: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "vanban_http_requests_total",
			Help: "HTTP requests by route (the registered pattern), method and status.",
		}, []string{"route", "method", "status"}),
		renderSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "vanban_render_duration_seconds",
			Help:    "Duration of renders (and imports, exports, certificate batches) by kind and format.",
			Buckets: []float64{.002, .005, .01, .02, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"kind", "format"}),
		rejected: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "vanban_renders_rejected_total",
			Help: "Renders refused with 503 because no render slot freed up in time.",
		}),
		timeouts: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "vanban_renders_timed_out_total",
			Help: "Renders cancelled at their deadline.",
		}),
	}
	reg.MustRegister(m.requests, m.renderSeconds, m.rejected, m.timeouts,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "vanban_renders_in_flight",
			Help: "Renders running now (bounded by the configured maximum).",
		}, func() float64 { return float64(l.inFlight.Load()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "vanban_renders_max",
			Help: "Configured maximum of renders in flight.",
		}, func() float64 { return float64(cap(l.slots)) }),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}

// Metrics is the service's Prometheus registry, for the caller to add its
// own collectors (e.g. database pool statistics).
func (s *Server) Metrics() *prometheus.Registry { return s.metrics.registry }
