using SpiderPlugins.App;

return Dispatcher.Run(Environment.GetCommandLineArgs());
