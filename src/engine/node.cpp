#include "engine/node_access.hpp"

namespace miglint {

namespace dom = simdjson::dom;

Node NodeAccess::from_value(dom::element value) {
  dom::object object;
  if (value.get(object) != simdjson::SUCCESS) return {};
  std::string_view kind;
  dom::element inner;
  if (is_node_wrapper(object, kind, inner)) return make(inner, kind);
  return make(value, {});
}

NodeList NodeAccess::make_list(dom::array array) {
  NodeList list;
  std::memcpy(list.array_.data(), &array, sizeof array);
  list.size_ = array.size();
  return list;
}

namespace {

simdjson::simdjson_result<dom::element> field_of(const Node& node, std::string_view field) {
  if (!node) return simdjson::NO_SUCH_FIELD;
  dom::object object;
  if (NodeAccess::element(node).get(object) != simdjson::SUCCESS) return simdjson::INCORRECT_TYPE;
  return object.at_key(field);
}

}  // namespace

Node Node::child(std::string_view field) const {
  dom::element value;
  if (field_of(*this, field).get(value) != simdjson::SUCCESS) return {};
  return NodeAccess::from_value(value);
}

NodeList Node::list(std::string_view field) const {
  dom::array array;
  if (field_of(*this, field).get(array) != simdjson::SUCCESS) return {};
  return NodeAccess::make_list(array);
}

bool Node::flag(std::string_view field) const {
  bool value = false;
  return field_of(*this, field).get(value) == simdjson::SUCCESS && value;
}

std::int64_t Node::integer(std::string_view field) const {
  std::int64_t value = 0;
  if (field_of(*this, field).get(value) != simdjson::SUCCESS) return 0;
  return value;
}

std::string_view Node::str(std::string_view field) const {
  std::string_view value;
  if (field_of(*this, field).get(value) != simdjson::SUCCESS) return {};
  return value;
}

int Node::location() const {
  std::int64_t value = 0;
  if (field_of(*this, "location").get(value) != simdjson::SUCCESS) return -1;
  return static_cast<int>(value);
}

Node NodeList::iterator::operator*() const {
  dom::array::iterator position;
  std::memcpy(&position, position_.data(), sizeof position);
  return NodeAccess::from_value(*position);
}

NodeList::iterator& NodeList::iterator::operator++() {
  dom::array::iterator position;
  std::memcpy(&position, position_.data(), sizeof position);
  ++position;
  std::memcpy(position_.data(), &position, sizeof position);
  return *this;
}

bool NodeList::iterator::operator==(const iterator& other) const {
  return position_ == other.position_;
}

NodeList::iterator NodeList::begin() const {
  iterator result;
  if (size_ == 0) return end();
  auto position = NodeAccess::array(*this).begin();
  std::memcpy(result.position_.data(), &position, sizeof position);
  return result;
}

NodeList::iterator NodeList::end() const {
  iterator result;
  if (size_ == 0) return result;
  auto position = NodeAccess::array(*this).end();
  std::memcpy(result.position_.data(), &position, sizeof position);
  return result;
}

Node NodeList::front() const {
  return empty() ? Node{} : *begin();
}

Node NodeList::back() const {
  dom::element value;
  if (empty() || NodeAccess::array(*this).at(size_ - 1).get(value) != simdjson::SUCCESS) return {};
  return NodeAccess::from_value(value);
}

}  // namespace miglint
