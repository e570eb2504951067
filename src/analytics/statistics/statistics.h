#pragma once
// Statistics of one or more price series, numerically equal to statsmodels 0.13.5 / numpy 1.24 /
// pandas 1.5 / scipy 1.10 (the Debian 12 packages) on the same input: return transforms,
// autocorrelation (acf, pacf in every statsmodels method, Ljung-Box), correlation matrices and
// seasonal decomposition (STL, classical). Pure functions: no I/O, threads or logging.
//
// Conventions: NaN is "no value" in inputs and outputs. Errors (Result) are for arguments
// statsmodels rejects (with the same wording where it has one) and for inputs an algorithm cannot
// use; a statistic that statsmodels returns as NaN (acf of a constant series) is NaN here too.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace streams::analytics::statistics {

// ---------------------------------------------------------------- transforms (pandas semantics)
enum class ReturnKind { log, simple };

// Day-on-day returns: out[0] = NaN; log: ln(x[i]/x[i-1]); simple: x[i]/x[i-1] - 1.
std::vector<double> returns(std::span<const double> x, ReturnKind kind);
// Day-to-first returns: log: ln(x[i]/x[0]); simple: x[i]/x[0] - 1 (out[0] = 0).
std::vector<double> cumreturns(std::span<const double> x, ReturnKind kind);
// (x - min) / (max - min), NaN skipped when finding min and max (a constant series gives NaN).
std::vector<double> normalize(std::span<const double> x);
// (x - mean) / std with ddof = 1, NaN skipped (fewer than 2 values or std = 0 give NaN).
std::vector<double> standardize(std::span<const double> x);

// ---------------------------------------------------------------- autocorrelation
enum class Missing { none, raise, conservative, drop };

struct AcfOptions {
  int nlags = 40;
  bool adjusted = false;
  bool fft = true;
  std::optional<double> alpha = 0.05;  // nullopt: no confidence interval
  bool qstat = false;
  Missing missing = Missing::none;
};
struct AcfResult {
  std::vector<double> acf;                           // nlags + 1 values (fewer when nlags >= n)
  std::vector<double> confint_lower, confint_upper;  // empty without alpha
  std::vector<double> qstat, pvalues;                // nlags values, empty without qstat
};
// statsmodels.tsa.stattools.acf. With missing=none a NaN makes every value NaN (as statsmodels).
Result<AcfResult> acf(std::span<const double> x, const AcfOptions& options);

enum class PacfMethod { yw, ywm, ols, ols_inefficient, ols_adjusted, ld, ldb };
// Accepts statsmodels' names and aliases ("ywadjusted", "yw_mle", "ldbiased", ...).
std::optional<PacfMethod> parse_pacf_method(std::string_view name);

struct PacfOptions {
  int nlags = 40;
  PacfMethod method = PacfMethod::yw;
  std::optional<double> alpha = 0.05;
};
struct PacfResult {
  std::vector<double> pacf;  // nlags + 1 values, pacf[0] = 1
  std::vector<double> confint_lower, confint_upper;
};
// statsmodels.tsa.stattools.pacf: nlags must be < n/2.
Result<PacfResult> pacf(std::span<const double> x, const PacfOptions& options);

struct LjungBoxOptions {
  int lags = 10;
  int model_df = 0;
  bool boxpierce = false;
};
struct LjungBoxResult {
  std::vector<double> lb_stat, lb_pvalue;  // one per lag 1..lags
  std::vector<double> bp_stat, bp_pvalue;  // with boxpierce only
};
// statsmodels.stats.diagnostic.acorr_ljungbox(x, lags=L) (lags 1..L).
Result<LjungBoxResult> ljungbox(std::span<const double> x, const LjungBoxOptions& options);

// Survival function of the chi-square distribution (scipy.stats.chi2.sf), via Boost.Math.
double chi2_sf(double x, double df);
// Standard normal quantile (scipy.stats.norm.ppf).
double norm_ppf(double p);

// ---------------------------------------------------------------- correlation (pandas DataFrame.corr)
enum class CorrMethod { pearson, spearman, kendall };
// columns[j] is series j; rows where either series is NaN are skipped pairwise (pandas).
// Returns the k x k matrix row by row.
std::vector<std::vector<double>> corr_matrix(const std::vector<std::vector<double>>& columns, CorrMethod method);
// Pairwise statistics on two equally long series without NaN.
double pearson(std::span<const double> x, std::span<const double> y);
double spearman(std::span<const double> x, std::span<const double> y);
double kendall_tau_b(std::span<const double> x, std::span<const double> y);  // O(n log n)
// Rolling Pearson correlation over `window` rows (pandas x.rolling(window).corr(y), min_periods =
// window): NaN for the first window - 1 rows and for every window holding a NaN in either series.
// Each window is computed in two passes (mean, then centred sums), so the result does not suffer
// the cancellation of pandas' running sums; it agrees with pandas to ~1e-12 on returns.
std::vector<double> rolling_corr(std::span<const double> x, std::span<const double> y, std::size_t window);
// Average ranks (1-based, ties get the mean of their positions), as pandas/scipy rankdata.
std::vector<double> average_ranks(std::span<const double> x);

// ---------------------------------------------------------------- decomposition
struct Decomposition {
  std::vector<double> trend, seasonal, resid;
};

struct StlOptions {
  int period = 0;  // required, >= 2
  int seasonal = 7;
  std::optional<int> trend;     // default: next odd >= 1.5 period / (1 - 1.5 / seasonal)
  std::optional<int> low_pass;  // default: next odd > period
  int seasonal_deg = 1, trend_deg = 1, low_pass_deg = 1;
  int seasonal_jump = 1, trend_jump = 1, low_pass_jump = 1;
  bool robust = false;
  std::optional<int> inner_iter;  // default 5, robust 2
  std::optional<int> outer_iter;  // default 0, robust 15
};
// statsmodels.tsa.seasonal.STL(x, ...).fit(inner_iter, outer_iter).
Result<Decomposition> stl(std::span<const double> x, const StlOptions& options);

enum class SeasonalModel { additive, multiplicative };
struct SeasonalDecomposeOptions {
  int period = 0;  // required, >= 1; x needs 2 complete cycles
  SeasonalModel model = SeasonalModel::additive;
  bool two_sided = true;
  int extrapolate_trend = 0;  // statsmodels' "freq" is period - 1
};
// statsmodels.tsa.seasonal.seasonal_decompose.
Result<Decomposition> seasonal_decompose(std::span<const double> x, const SeasonalDecomposeOptions& options);

// numpy's pairwise summation (np.sum) on a contiguous array; exposed for tests.
double pairwise_sum(const double* a, std::size_t n);

}  // namespace streams::analytics::statistics
