using System.Reflection;
using System.Runtime.CompilerServices;

[assembly: AssemblyTitle("SensorNode.Core")]
[assembly: AssemblyDescription("Portable firmware core: DSP, features, alarms, protocol, config, queue")]
[assembly: AssemblyCompany("SensorNode")]
[assembly: AssemblyProduct("SensorNode")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: InternalsVisibleTo("NFUnitTest")]
[assembly: InternalsVisibleTo("SensorNode.Core.Tests")]
