using System.Reflection;

[assembly: AssemblyTitle("SensorNode.Firmware")]
[assembly: AssemblyDescription("SensorNode device layer: nanoFramework adapters and Program for ESP32 boards")]
[assembly: AssemblyCompany("SensorNode")]
[assembly: AssemblyProduct("SensorNode")]
[assembly: AssemblyVersion("0.1.0.0")]
