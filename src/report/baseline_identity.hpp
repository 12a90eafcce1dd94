#pragma once

// How a baseline knows a finding, besides its rule: its path relative to the
// baseline file's directory, so that the same file matches from any working
// directory however its path was spelled, and the fingerprint of its
// statement, so that it matches wherever the statement moves.

#include <miglint/finding.hpp>

#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

namespace miglint {

class BaselinePaths {
 public:
  explicit BaselinePaths(const std::string& baseline_file);

  // Of a path as the user gave it, relative to the working directory:
  // lexically normalised, with `/`.
  const std::string& of(const std::string& given);

 private:
  std::filesystem::path directory_;
  std::unordered_map<std::string, std::string> known_;
};

// statement_fingerprint() of each finding's statement, in order.
std::vector<std::string> statement_fingerprints(const std::vector<Finding>& findings);

}  // namespace miglint
