#include "live/conflating_queue.h"

#include <gtest/gtest.h>

#include <vector>

namespace streams::live {
namespace {

SharedText text(std::string s) { return std::make_shared<const std::string>(std::move(s)); }

std::vector<std::string> drain(ConflatingQueue& q) {
  std::vector<SharedText> out;
  q.drain(out);
  std::vector<std::string> strings;
  for (const auto& t : out) strings.push_back(*t);
  return strings;
}

TEST(ConflatingQueueTest, LatestBarPerKeyReplacesTheQueuedOneInPlace) {
  ConflatingQueue q(10);
  q.push(text("bar A 1"), MessageClass::droppable, 1);
  q.push(text("trade A"), MessageClass::droppable);
  q.push(text("bar B 1"), MessageClass::droppable, 2);
  q.push(text("bar A 2"), MessageClass::droppable, 1);
  q.push(text("bar A 3"), MessageClass::droppable, 1);
  EXPECT_EQ(q.size(), 3u);
  EXPECT_EQ(q.conflated(), 2u);
  EXPECT_EQ(drain(q), (std::vector<std::string>{"bar A 3", "trade A", "bar B 1"}));
  // After a drain nothing is conflated with what was sent.
  q.push(text("bar A 4"), MessageClass::droppable, 1);
  EXPECT_EQ(drain(q), (std::vector<std::string>{"bar A 4"}));
}

TEST(ConflatingQueueTest, FullQueueDropsTheOldestDroppableNeverControl) {
  ConflatingQueue q(3);
  q.push(text("status"), MessageClass::control);
  q.push(text("t1"), MessageClass::droppable);
  q.push(text("t2"), MessageClass::droppable);
  q.push(text("t3"), MessageClass::droppable);  // full: t1 goes
  q.push(text("t4"), MessageClass::droppable);  // t2 goes
  q.push(text("error"), MessageClass::control);  // control always fits
  EXPECT_EQ(q.dropped(), 2u);
  EXPECT_EQ(drain(q), (std::vector<std::string>{"status", "t3", "t4", "error"}));
  EXPECT_TRUE(q.empty());
}

TEST(ConflatingQueueTest, ADroppedBarIsNotConflatedInto) {
  ConflatingQueue q(2);
  q.push(text("bar A 1"), MessageClass::droppable, 1);
  q.push(text("t1"), MessageClass::droppable);
  q.push(text("t2"), MessageClass::droppable);  // drops bar A 1
  q.push(text("bar A 2"), MessageClass::droppable, 1);  // appended (drops t1), not written into a dropped slot
  EXPECT_EQ(drain(q), (std::vector<std::string>{"t2", "bar A 2"}));
  EXPECT_EQ(q.dropped(), 2u);
}

}  // namespace
}  // namespace streams::live
