namespace LeBureau.ApiServer.Agent;

/// <summary>What a desktop agent answered, or why it could not be asked.</summary>
/// <param name="Status">The agent's HTTP status; 0 when it could not be reached.</param>
/// <param name="Body">The response body.</param>
/// <param name="ContentType">The response content type.</param>
/// <param name="Error">Why the agent was not reached (no token yet, connection failed, timeout).</param>
public sealed record AgentReply(int Status, byte[] Body, string? ContentType, string? Error)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}
