#include "intake/web/template_tree.h"

#include "intake/text.h"

namespace tilfreds::intake::web {

namespace mustache = kainjow::mustache;
using Data = TemplateTree::Data;

TemplateTree::TemplateTree(const std::string& source) {
  // What basic_mustache's constructor does, keeping the tree it otherwise hides.
  mustache::context<std::string> ctx;
  mustache::context_internal<std::string> internal{ctx};
  mustache::component<std::string> root;
  mustache::parser<std::string> parse{source, internal, root, error_};
  if (error_.empty()) flatten(root);
}

void TemplateTree::flatten(const mustache::component<std::string>& parent) {
  bool after_text = false;  // the last node is a text of this level, not of a section in it
  for (const auto& c : parent.children) {
    if (c.is_text()) {
      if (c.is_newline()) {
        nodes_.push_back({Kind::kNewline, c.text, {}, 0});
        after_text = false;
      } else if (after_text) {
        nodes_.back().text += c.text;  // kainjow appends both to the same line
      } else {
        nodes_.push_back({Kind::kText, c.text, {}, 0});
        after_text = true;
      }
      continue;
    }
    after_text = false;
    Kind kind;
    switch (c.tag.type) {
      case mustache::tag_type::variable: kind = Kind::kVariable; break;
      case mustache::tag_type::unescaped_variable: kind = Kind::kUnescaped; break;
      case mustache::tag_type::section_begin: kind = Kind::kSection; break;
      case mustache::tag_type::section_begin_inverted: kind = Kind::kInverted; break;
      default: continue;  // comments, delimiter changes: nothing in the output
    }
    Node n{kind, c.tag.name, {}, 0};
    if (n.text != ".") {
      for (std::size_t start = 0;;) {
        const std::size_t dot = n.text.find('.', start);
        n.parts.push_back(n.text.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos) break;
        start = dot + 1;
      }
    }
    const std::size_t at = nodes_.size();
    nodes_.push_back(std::move(n));
    if (kind == Kind::kSection || kind == Kind::kInverted) flatten(c);
    nodes_[at].end = static_cast<std::uint32_t>(nodes_.size());
  }
}

// One render: kainjow's line buffer is the tail of `out` after line_start_.
class TemplateTree::Walk {
 public:
  Walk(const std::vector<Node>& nodes, std::span<const Data* const> layers, std::string& out)
      : nodes_(nodes), layers_(layers), out_(out), line_start_(out.size()) {
    stack_.reserve(8);
  }

  void run() {
    nodes(0, static_cast<std::uint32_t>(nodes_.size()));
    end_line(nullptr);
  }

 private:
  void nodes(std::uint32_t begin, std::uint32_t end) {
    for (std::uint32_t i = begin; i < end; ++i) {
      const Node& n = nodes_[i];
      switch (n.kind) {
        case Kind::kText: out_ += n.text; break;
        case Kind::kNewline: end_line(&n.text); break;
        case Kind::kVariable:
        case Kind::kUnescaped:
          if (const Data* v = get(n); v && v->is_string()) {
            if (n.kind == Kind::kVariable) {
              v->append_escaped(out_);
            } else {
              out_ += v->string_value();
            }
          }
          break;
        case Kind::kSection:
          if (const Data* v = get(n); v && !v->is_false() && !v->empty_list()) section(i, v);
          i = n.end - 1;
          break;
        case Kind::kInverted:
          if (const Data* v = get(n); !v || v->is_false() || v->empty_list()) section(i, v);
          i = n.end - 1;
          break;
      }
    }
  }

  // kainjow's render_section: the tags around the section count as section tags
  // of the line they stand on, each time the section is entered.
  void section(std::uint32_t at, const Data* v) {
    const std::uint32_t begin = at + 1, end = nodes_[at].end;
    if (v && v->is_list() && !v->items().empty()) {
      for (const auto& item : v->items()) {
        section_tag_ = true;
        stack_.push_back(&item.resolved());
        nodes(begin, end);
        stack_.pop_back();
        section_tag_ = true;
      }
      return;
    }
    section_tag_ = true;
    if (v) stack_.push_back(v);
    nodes(begin, end);
    if (v) stack_.pop_back();
    section_tag_ = true;
  }

  // kainjow's render_current_line.
  void end_line(const std::string* newline) {
    // Only a line that held a section tag can be dropped: the others are not scanned.
    if (section_tag_ && blank_line()) {
      out_.resize(line_start_);
    } else if (newline) {
      out_ += *newline;
    }
    line_start_ = out_.size();
    section_tag_ = false;
  }

  bool blank_line() const {
    for (std::size_t i = line_start_; i < out_.size(); ++i) {
      if (out_[i] != ' ' && out_[i] != '\t') return false;
    }
    return true;
  }

  const Data* get(const Node& n) const {
    if (n.parts.empty()) return stack_.empty() ? layers_.back() : stack_.back();  // resolved when pushed
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      if (const Data* v = lookup(**it, n.parts)) return v;
    }
    for (const Data* layer : layers_) {
      if (const Data* v = layer ? lookup(*layer, n.parts) : nullptr) return v;
    }
    return nullptr;
  }

  static const Data* lookup(const Data& item, const std::vector<std::string>& parts) {
    const Data* v = &item;
    for (const auto& part : parts) {
      v = v->get(part);
      if (!v) break;
    }
    return v;
  }

  const std::vector<Node>& nodes_;
  std::span<const Data* const> layers_;
  std::string& out_;
  std::size_t line_start_;
  bool section_tag_ = false;
  std::vector<const Data*> stack_;
};

void TemplateTree::render(std::span<const Data* const> layers, std::string& out) const {
  Walk(nodes_, layers, out).run();
}

}  // namespace tilfreds::intake::web
