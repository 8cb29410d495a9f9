-- comment_post.lua — wrk script: every request a new, distinct comment.
-- The form's fields (article id and token) come from the environment,
-- read by bench/comments.sh from the article page.
local article = os.getenv("BENCH_ARTICLE")
local token = os.getenv("BENCH_TOKEN")
local counter = 0
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function init(args)
  math.randomseed(os.time() + (tid or 0))
end

request = function()
  counter = counter + 1
  local body = "article=" .. article .. "&parent=0&token=" .. token ..
    "&author=Bench+" .. (tid or 0) .. "&email=bench" .. (tid or 0) .. "%40example.org" ..
    "&url=&comment=Benchmark+comment+" .. (tid or 0) .. "-" .. counter .. "-" .. math.random(1, 1e9) ..
    "+about+the+truce+talks."
  return wrk.format("POST", "/comments",
    {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
