package main

func (c *cli) certificates(args []string) int { return exitUsage }
func (c *cli) registry(args []string) int     { return exitUsage }
