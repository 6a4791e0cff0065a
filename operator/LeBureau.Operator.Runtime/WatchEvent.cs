using k8s;

namespace LeBureau.Operator.Runtime;

/// <summary>One event of a watch stream: its type and the object (a Status for Error, an object with only a resourceVersion for Bookmark).</summary>
public sealed record WatchEvent<T>(WatchEventType Type, T? Object, k8s.Models.V1Status? Error = null);
