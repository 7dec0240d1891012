package render

import "github.com/runclub/runclub/domain"

// sources cite where each rule comes from, so a runner can look it up.
var sources = map[domain.Source]string{
	domain.SourceRHR:        "recovery guide; Polar; Dressendorfer",
	domain.SourceHRV:        "Plews et al. 2012; HRV4Training",
	domain.SourceSleep:      "recovery guide: 8–10 h a night",
	domain.SourceSubjective: "recovery guide; Hooper index",
	domain.SourceACWR:       "Gabbett 2016; Williams et al. 2017; thresholds disputed, Impellizzeri 2020",
	domain.SourceMonotony:   "Foster 1998",
	domain.SourceMileage:    "Nielsen et al. 2014; the 10% rule is only a heuristic",
	domain.SourceSpike:      "Garmin-RUNSAFE cohort, BJSM",
}

// source is the citation of s.
func source(s domain.Source) string { return sources[s] }
