#include "progress_view.hpp"

#include <cmath>

namespace hpcpat::cli {
namespace {

constexpr int kBarWidth = 24;

std::string status_word(const runner::RunEvent &e) {
  return std::string(store::status_name(e.status));
}

}  // namespace

std::string short_duration(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, s % 3600 / 60);
  } else if (s >= 60) {
    std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%lds", s);
  }
  return buf;
}

double estimate_left(double timed_s, std::size_t timed, std::size_t left) {
  if (timed == 0) return -1;
  return timed_s / static_cast<double>(timed) * static_cast<double>(left);
}

void ProgressView::redraw(const std::string &now) {
  const int filled = total_ == 0 ? kBarWidth
                                 : static_cast<int>(kBarWidth * done_ / total_);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kBarWidth, '.');
  const double left = estimate_left(timed_s_, timed_, total_ - done_);
  std::fprintf(out_, "\r\033[K[%s] %zu/%zu", bar.c_str(), done_, total_);
  if (not_ok_ > 0) std::fprintf(out_, "  not ok %zu", not_ok_);
  if (left >= 0 && done_ < total_) std::fprintf(out_, "  ETA %s", short_duration(left).c_str());
  if (!now.empty()) std::fprintf(out_, "  %s", now.c_str());
  std::fflush(out_);
  line_open_ = true;
}

void ProgressView::on_event(const runner::RunEvent &e) {
  total_ = e.total;
  const std::string &name = e.run->name;
  switch (e.kind) {
    case runner::RunEvent::Kind::started:
      if (terminal_) redraw(name);
      return;
    case runner::RunEvent::Kind::skipped:
      ++done_;
      if (terminal_) {
        redraw("");
      } else {
        std::fprintf(out_, "[%zu/%zu] %s: kept (complete before --resume)\n", done_, total_,
                     name.c_str());
      }
      return;
    case runner::RunEvent::Kind::finished:
      ++done_;
      ++timed_;
      timed_s_ += e.wall_s;
      const bool ok = e.status == store::RunStatus::ok;
      if (!ok) ++not_ok_;
      if (terminal_) {
        if (!ok) {
          std::fprintf(out_, "\r\033[K%s: %s, %s\n", name.c_str(), status_word(e).c_str(),
                       e.cause.c_str());
        }
        redraw("");
      } else {
        std::fprintf(out_, "[%zu/%zu] %s: %s, %.2f s%s%s\n", done_, total_, name.c_str(),
                     status_word(e).c_str(), e.wall_s, ok ? "" : ", ", e.cause.c_str());
      }
      std::fflush(out_);
      return;
  }
}

void ProgressView::finish() {
  if (terminal_ && line_open_) std::fputc('\n', out_);
  std::fflush(out_);
  line_open_ = false;
}

}  // namespace hpcpat::cli
