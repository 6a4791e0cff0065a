using LeBureau.Events;
using Microsoft.Extensions.Options;

namespace LeBureau.ApiServer.Chat;

/// <summary>What the chat routes need beyond a desktop route's: the event publisher, the stream settings, the host's lifetime, a logger.</summary>
internal sealed record ChatRelayServices(EventPublisher Events, IOptions<EventStreamOptions> StreamOptions, IHostApplicationLifetime Lifetime, ILogger<ChatTurnRelay> Logger);
