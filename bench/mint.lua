-- wrk script for bench/http.sh: mints a named token per request. An empty body lets the server
-- choose a unique token name and the default lifetime. The caller's token comes from $TOKEN.
wrk.method = "POST"
wrk.body = "{}"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Coder-Session-Token"] = os.getenv("TOKEN")
