#pragma once

#include <miglint/node.hpp>

#include <simdjson.h>

#include <cstring>

namespace miglint {

// The engine's way in and out of Node's opaque storage.
struct NodeAccess {
  static_assert(sizeof(simdjson::dom::element) == 16);
  static_assert(sizeof(simdjson::dom::array::iterator) == 16);

  // `inner` is the node's field object; `kind` may be empty for bare structs.
  static Node make(simdjson::dom::element inner, std::string_view kind) {
    Node node;
    std::memcpy(node.element_.data(), &inner, sizeof inner);
    node.kind_ = kind;
    node.present_ = true;
    return node;
  }

  static simdjson::dom::element element(const Node& node) {
    simdjson::dom::element element;
    std::memcpy(&element, node.element_.data(), sizeof element);
    return element;
  }

  // Reads a field value that may be {"Kind": {...}} or a bare struct.
  static Node from_value(simdjson::dom::element value);

  static NodeList make_list(simdjson::dom::array array);
  static simdjson::dom::array array(const NodeList& list) {
    simdjson::dom::array array;
    std::memcpy(&array, list.array_.data(), sizeof array);
    return array;
  }
};

// True for {"SomeKind": {...}}: one key that starts with a capital letter.
inline bool is_node_wrapper(simdjson::dom::object object, std::string_view& kind,
                            simdjson::dom::element& inner) {
  if (object.size() != 1) return false;
  auto field = *object.begin();
  if (field.key.empty() || field.key[0] < 'A' || field.key[0] > 'Z') return false;
  kind = field.key;
  inner = field.value;
  return true;
}

}  // namespace miglint
