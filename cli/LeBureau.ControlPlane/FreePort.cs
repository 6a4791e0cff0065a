using System.Net;
using System.Net.Sockets;

namespace LeBureau.ControlPlane;

/// <summary>Finds TCP ports that nothing listens on.</summary>
public static class FreePort
{
    /// <summary>A port free on <paramref name="address"/> (127.0.0.1 by default) at the time of the call.</summary>
    public static int Next(IPAddress? address = null)
    {
        using var listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
