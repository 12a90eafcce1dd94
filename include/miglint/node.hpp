#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>

namespace miglint {

class NodeList;

// A read-only view of one node of libpg_query's parse tree.
//
// libpg_query writes a node as a one-key object named after its type
// ({"IndexStmt": {...}}), except where a field has a fixed struct type
// (IndexStmt.relation is a bare RangeVar). Node hides that difference: kind()
// is the type name when the tree states it, and empty for bare structs.
// Fields that libpg_query omitted read as false, 0 or "", as it intends.
class Node {
 public:
  Node() = default;

  explicit operator bool() const { return present_; }
  std::string_view kind() const { return kind_; }
  bool is(std::string_view kind) const { return present_ && kind_ == kind; }

  // A child node: field holds {"Kind": {...}} or a bare struct.
  Node child(std::string_view field) const;
  NodeList list(std::string_view field) const;
  bool flag(std::string_view field) const;
  std::int64_t integer(std::string_view field) const;
  std::string_view str(std::string_view field) const;  // strings and enum names

  // Byte offset into the statement text, or -1 when the node has none.
  int location() const;

  // The text of a String node ({"String": {"sval": ...}}).
  std::string_view string_value() const { return str("sval"); }

 private:
  friend class NodeList;
  friend struct NodeAccess;
  // Holds a simdjson::dom::element; kept opaque so that rules compile without simdjson.h.
  alignas(8) std::array<std::byte, 16> element_{};
  std::string_view kind_;
  bool present_ = false;
};

// A JSON array of nodes (a List field).
class NodeList {
 public:
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using difference_type = std::ptrdiff_t;
    using value_type = Node;
    using reference = Node;
    using pointer = void;
    Node operator*() const;
    iterator& operator++();
    iterator operator++(int) {
      iterator before = *this;
      ++*this;
      return before;
    }
    bool operator==(const iterator& other) const;

   private:
    friend class NodeList;
    // Holds a simdjson::dom::array::iterator.
    alignas(8) std::array<std::byte, 16> position_{};
  };

  iterator begin() const;
  iterator end() const;
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  Node front() const;
  Node back() const;

 private:
  friend class Node;
  friend struct NodeAccess;
  alignas(8) std::array<std::byte, 16> array_{};
  std::size_t size_ = 0;
};

}  // namespace miglint
