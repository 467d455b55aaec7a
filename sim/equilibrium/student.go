package equilibrium

// Student's t: the 0.975 quantile with df degrees of freedom, the factor of a two-sided
// 95 % confidence interval, in millionths, rounded up (a wider interval: conservative).
// A table, not a computation, so that the significance rule is exact integer arithmetic
// and gives the same answer on every platform. TestStudentT checks it against gonum.

// tSmall holds df = 1..30.
var tSmall = [...]int64{
	12706205, 4302653, 3182447, 2776446, 2570582, 2446912, 2364625, 2306005, 2262158, 2228139,
	2200986, 2178813, 2160369, 2144787, 2131450, 2119906, 2109816, 2100923, 2093025, 2085964,
	2079614, 2073874, 2068658, 2063899, 2059539, 2055530, 2051831, 2048408, 2045230, 2042273,
}

// tLarge holds larger df; between two of them (and beyond the last, towards the normal
// quantile 1.959964) the quantile is interpolated linearly in 1/df. The quantile is a
// convex function of 1/df, so the interpolation lies above it: still conservative.
var tLarge = [...]struct{ df, t int64 }{
	{30, 2042273}, {35, 2030108}, {40, 2021076}, {45, 2014104}, {50, 2008560}, {60, 2000298},
	{70, 1994438}, {80, 1990064}, {90, 1986675}, {100, 1983972}, {120, 1979931}, {150, 1975906},
	{200, 1971897}, {300, 1967904}, {500, 1964720}, {1000, 1962340}, {2000, 1961151},
	{5000, 1960439}, {10000, 1960202}, {100000, 1959988},
}

// tNormal is the normal distribution's 0.975 quantile, the limit of t, in millionths
// (rounded up).
const tNormal = 1959964

// studentT975 returns t(0.975, df) in millionths, rounded up; df >= 1.
func studentT975(df int64) int64 {
	if df < 1 {
		panic("equilibrium: Student's t with no degrees of freedom")
	}
	if df <= int64(len(tSmall)) {
		return tSmall[df-1]
	}
	df = min(df, 1<<40) // beyond, t differs from the normal quantile by far less than 1e-6
	for k := 1; k < len(tLarge); k++ {
		lo, hi := tLarge[k-1], tLarge[k]
		if df > hi.df {
			continue
		}
		// weight = (1/lo - 1/df) / (1/lo - 1/hi) = (df - lo) hi / ((hi - lo) df)
		num := (df - lo.df) * hi.df
		den := (hi.df - lo.df) * df
		return ceilDiv(lo.t*den-(lo.t-hi.t)*num, den)
	}
	// Beyond the table: weight = (1/lo - 1/df) / (1/lo) = (df - lo) / df.
	lo := tLarge[len(tLarge)-1]
	return ceilDiv(lo.t*df-(lo.t-tNormal)*(df-lo.df), df)
}

func ceilDiv(a, b int64) int64 { return (a + b - 1) / b }
