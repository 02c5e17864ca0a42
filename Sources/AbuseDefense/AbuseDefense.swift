/// Abuse defenses, sans-I/O: token-bucket rate limits, the failure counts that lead to bans,
/// DNS block list queries and answers, greylisting decisions, the clamd protocol, spam rules
/// and the Bayesian classifier. Time is passed in; nothing here opens a socket.
public enum AbuseDefense {}
