using k8s;
using k8s.Models;
using LeBureau.ApiServer.Auth;
using LeBureau.Operator.Runtime;

namespace LeBureau.ApiServer.Cache;

/// <summary>The tenancy rule of every API id: an object's id is its metadata.uid, and only its namespace's callers may see it.</summary>
internal static class TenantScope
{
    /// <summary>
    /// The object of <paramref name="cache"/> whose uid is <paramref name="id"/> with 200; 404 when none is (or the id
    /// is no UUID); 403, without the object, when it belongs to another tenant.
    /// </summary>
    public static (T? Item, int Status) Find<T>(Informer<T> cache, Caller caller, string id) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (!Guid.TryParse(id, out var uid)) return (null, StatusCodes.Status404NotFound);
        var item = cache.FirstByIndex(ResourceCaches.ByUid, uid.ToString("D"));
        if (item is null) return (null, StatusCodes.Status404NotFound);
        return item.Metadata.NamespaceProperty == caller.Namespace ? (item, StatusCodes.Status200OK) : (null, StatusCodes.Status403Forbidden);
    }
}
