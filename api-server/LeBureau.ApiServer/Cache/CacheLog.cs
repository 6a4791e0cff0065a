namespace LeBureau.ApiServer.Cache;

internal static partial class CacheLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of {Kind} failed, relisting: {Reason}")]
    public static partial void WatchFailed(ILogger logger, string kind, string reason);
}
