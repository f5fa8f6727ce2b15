package sqlstore_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vanban/vanban/internal/campaign"
)

// cpuTime is the process's user+system CPU time: the machine the
// benchmarks run on is shared, so wall time alone says little.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchList is a unit's list of n persons (every fifth without a gender).
func benchList(n int) string {
	var b strings.Builder
	b.WriteString("STT,Họ và tên,Giới tính,Năm sinh,Chức vụ,Đơn vị công tác,Tóm tắt thành tích,Hình thức khen thưởng\nII. CÁ NHÂN,,,,,,,\n")
	for i := range n {
		g := "Nam"
		if i%5 == 4 {
			g = ""
		}
		fmt.Fprintf(&b, "%d,Nguyễn Văn Người %d,%s,1980,Chuyên viên,Phòng %d,Hoàn thành xuất sắc nhiệm vụ năm 2025,Giấy khen của Giám đốc Sở\n", i+1, i, g, i%40)
	}
	return b.String()
}

func benchCampaign(b *testing.B, svc *campaign.Service) campaign.Campaign {
	b.Helper()
	ctx := context.Background()
	raw, _ := os.ReadFile("../../testdata/agency-profile.json")
	p, err := campaign.DecodeProfile(raw)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := svc.SaveProfile(ctx, p); err != nil {
		b.Fatal(err)
	}
	raw, _ = os.ReadFile("../../testdata/campaign.json")
	c, _ := campaign.DecodeCampaign(raw)
	c, err = svc.SaveCampaign(ctx, c)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// Importing a 5,000-row list into a campaign and making the Quyết định
// draft from it (target: at most 1 s together), on SQLite.
func BenchmarkImportAndDraft5000(b *testing.B) {
	st := backend{name: "sqlite", dir: b.TempDir()}.open(b)
	svc := campaignService(b, st, nil)
	list := benchList(5000)
	ctx := context.Background()
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		c := benchCampaign(b, svc)
		b.StartTimer()
		start := cpuTime()
		res, err := svc.Import(ctx, c.ID, []campaign.ImportFile{{Name: "ds.csv", Data: strings.NewReader(list), Size: int64(len(list))}}, campaign.ImportOptions{})
		if err != nil || res.Added != 5000 {
			b.Fatalf("import: %v %d", err, res.Added)
		}
		d, err := svc.DraftFromCampaign(ctx, c.ID, campaign.DraftRequest{Kind: campaign.QuyetDinhKind})
		if err != nil || len(d.Input) < 5000*100 {
			b.Fatalf("draft: %v %d", err, len(d.Input))
		}
		cpu += cpuTime() - start
	}
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}

// Listing 1,000 nominations with their problems (target: at most 50 ms).
func BenchmarkList1000(b *testing.B) {
	st := backend{name: "sqlite", dir: b.TempDir()}.open(b)
	svc := campaignService(b, st, nil)
	c := benchCampaign(b, svc)
	list := benchList(1000)
	ctx := context.Background()
	if _, err := svc.Import(ctx, c.ID, []campaign.ImportFile{{Name: "ds.csv", Data: strings.NewReader(list), Size: int64(len(list))}}, campaign.ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	start := cpuTime()
	for b.Loop() {
		l, err := svc.Nominations(ctx, c.ID)
		if err != nil || l.Total != 1000 || len(l.Problems) == 0 {
			b.Fatalf("list: %v %d", err, l.Total)
		}
		if p := l.Page("", 1000, 0); len(p.Entries) != 1000 {
			b.Fatal(len(p.Entries))
		}
	}
	b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}
