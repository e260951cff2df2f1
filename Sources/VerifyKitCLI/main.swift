print("verifykit")
