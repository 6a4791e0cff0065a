using System.Net;
using k8s.Models;

namespace LeBureau.Operator.Runtime;

/// <summary>A non-success answer of the API server, with its status code and (when sent) its <see cref="V1Status"/>.</summary>
public sealed class KubeApiException(HttpStatusCode statusCode, V1Status? status, string message)
    : Exception(message)
{
    /// <summary>The HTTP status code.</summary>
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>The Status object the server sent, if any.</summary>
    public V1Status? Status { get; } = status;

    /// <summary>True for 404.</summary>
    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    /// <summary>True for 409 (a resourceVersion conflict or an existing name).</summary>
    public bool IsConflict => StatusCode == HttpStatusCode.Conflict;

    /// <summary>True for 410: the resourceVersion is too old to watch from.</summary>
    public bool IsGone => StatusCode == HttpStatusCode.Gone;
}
